/** `stored` laid over `defaults`, object by object; arrays and values are taken as stored. */
export function overDefaults(defaults: unknown, stored: unknown): unknown {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(defaults) || !isRecord(stored)) return stored;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(stored))
    merged[key] = key in defaults ? overDefaults(defaults[key], value) : value;
  return merged;
}
