/** True when the runtime knows the IANA time zone name (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(name: string): boolean {
  if (name.trim() === '' || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
