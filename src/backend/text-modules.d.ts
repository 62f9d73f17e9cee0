// Files wrangler bundles as Text modules (its default rule for *.txt): the file's text.
declare module "*.txt" {
  const text: string;
  export default text;
}
