import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { installAuthGuard, router } from './router';
import { installFirstPages } from './router/firstPages';
import './styles.css';

const app = createApp(App).use(createPinia()).use(i18n);
// The guard must be in place before the router's first navigation (which starts on install).
installAuthGuard(router);
installFirstPages(router); // after the auth guard: runs only for a navigation it let through
app.use(router).mount('#app');
