// Error codes as the renderer knows them: the server's, plus the one the client makes itself. Apart from
// the transport so that message tables (i18n) can name them without pulling in window.dropship.
import type { ErrorCode } from '@contract';

/** The server was never reached or replied garbage. */
export const NETWORK = 'NETWORK' as const;
export type ClientErrorCode = ErrorCode | typeof NETWORK;
