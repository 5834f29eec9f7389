/**
 * A post's date as pages show it ("7 January 2020") and as its <time datetime> gives it
 * ("2020-01-07"). UTC, so a date written as 2020-01-07 never shows as the 6th in western time
 * zones. One formatter for the whole build: Date#toLocaleDateString sets up a new one on every
 * call (about 0.1 ms), and listings show thousands of dates.
 */
const POST_DATE = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export function postDateLabel(date: Date): string {
  return POST_DATE.format(date);
}

export function postDateAttribute(date: Date): string {
  return date.toISOString().slice(0, 10);
}
