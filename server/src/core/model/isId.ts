/**
 * Whether a text is an id, as the schema's pattern `^[A-Za-z][A-Za-z0-9_.-]*$` says: a
 * letter, then letters, digits, `_`, `.` or `-`. A loop over character codes, not that
 * regular expression: it runs for every entry and reference of a file, and the expression
 * took about 2 of the 10 ms of reading 10,000 components again after an edit.
 */
export function isId(text: string): boolean {
  if (text.length === 0 || !isLetter(text.charCodeAt(0))) return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isLetter(code) && !(code >= 48 && code <= 57) && code !== 95 && code !== 46 && code !== 45) return false;
  }
  return true;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
