// The entry of dist/mediabunny.js: the other node bundles require this one file instead of each
// bundling its own copy (scripts/build.mjs, plugin lazy-bundles).
export * from 'mediabunny';
