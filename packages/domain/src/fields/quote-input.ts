/** Quotes user input for an error message, shortened so a huge value cannot flood the message. */
export function quoteInput(raw: string, maxLength = 40): string {
  const chars = [...raw];
  const shown = chars.length > maxLength ? `${chars.slice(0, maxLength).join("")}…` : raw;
  return `'${shown}'`;
}
