// Local days live with the contract, so the renderer cuts days exactly as the main process does.
export * from '@contract/days';
