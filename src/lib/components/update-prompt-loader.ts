/**
 * The update prompt's loader. The layout imports this module lazily and it imports the prompt:
 * SvelteKit inlines the stylesheets of the layout's own dynamic imports into every page, but not
 * of imports one step further, so the prompt's CSS comes only with the prompt (as
 * components/history/lazy.ts does for History and Compare).
 */
export const loadUpdatePrompt = () => import('./UpdatePrompt.svelte');
