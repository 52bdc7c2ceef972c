import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../atomicWrite';

/** Characters Windows, macOS or Linux refuse in a file name. */
export function safeFileName(name: string): string {
  return (
    name
      // eslint-disable-next-line no-control-regex -- control characters are exactly what file systems refuse
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 150)
  );
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A name beside any earlier export, never over it: a file someone edited by hand is never replaced. */
export async function freePath(folder: string, stem: string, extension: string): Promise<string> {
  const safeStem = safeFileName(stem);
  for (let copy = 1; ; copy += 1) {
    const path = join(folder, `${safeStem}${copy === 1 ? '' : ` (${copy})`}.${extension}`);
    if (!(await fileExists(path))) return path;
  }
}

/** Writes an export into `folder` (made if missing) under a free name; returns the path written. */
export async function writeBesideEarlier(
  folder: string,
  stem: string,
  extension: string,
  bytes: Buffer,
): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = await freePath(folder, stem, extension);
  await writeFileDurably(path, bytes, {
    wording: { notSaved: 'The export was not saved', unchanged: 'Nothing was written there.' },
  });
  return path;
}
