/** Longest `data-ref` the Send to Messenger plugin accepts (MESSENGER.md §4.2). */
export const PLUGIN_REF_MAX_LENGTH = 250;

const PLUGIN_REF_PATTERN = /^[A-Za-z0-9+/=\-.:_]+$/;

/** Whether `ref` can be a plugin `data-ref`: 1–250 characters from `a-z A-Z 0-9 + / = - . : _`. */
export function isValidPluginRef(ref: string): boolean {
  return ref.length > 0 && ref.length <= PLUGIN_REF_MAX_LENGTH && PLUGIN_REF_PATTERN.test(ref);
}
