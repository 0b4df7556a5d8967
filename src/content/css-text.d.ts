/** A stylesheet read as text (`scripts/minified-css-text.ts`; Vite reads `?raw` itself in the tests). */
declare module '*.css?raw' {
  const css: string;
  export default css;
}
