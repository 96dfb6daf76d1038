import { z } from 'zod';

// Unpaired UTF-16 surrogates: UTF-8 cannot encode them, so a database
// driver would store U+FFFD instead of what was sent.
const LONE_SURROGATE = /\p{Cs}/u;

/** True for text every supported database stores as sent. */
export function isStorableText(value: string): boolean {
  // PostgreSQL refuses NUL in text columns.
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * A string of `min` to `max` characters that can be stored: no NUL
 * characters and no unpaired surrogates.
 */
export function textInput(min: number, max: number) {
  return z.string().min(min).max(max).refine(isStorableText, {
    message: 'must not contain NUL characters or unpaired surrogates',
  });
}
