// What both npm CLI commands (analyze; sql and rows) say when arguments or files are wrong, in the
// native CLI's words, so that both CLIs print the same line.

// A mistake in the arguments: the message, then the command's usage, exit 2.
export class UsageError extends Error {}

// The C library's wording (strerror).
const FS_ERRORS = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EIO: 'Input/output error',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};
export const fileError = (what, file, error) => `retention-kit: cannot ${what} ${file}: ${FS_ERRORS[error.code] ?? error.message}\n`;
