/** Parameters of the drop-in script's URL that become widget attributes (a flag without a value, `&no-title-badge`, sets a boolean one). */
export const WIDGET_PARAMS = ['room', 'name', 'brokers', 'secret', 'topic', 'ice-servers', 'auto-accept', 'history', 'ask-before-joining', 'no-title-badge'] as const;
