// Whether a file-system error means "not there" (the file, or a folder on its path).
export const isMissing = (error: unknown) =>
  ["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException)?.code ?? "");
