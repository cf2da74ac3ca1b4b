/**
 * Why a profile's Facebook connection was lost, in words, from the error Facebook last
 * answered (a refused token, the app removed from the Page, a lost messaging permission).
 */
export function connectionProblem(lastError: string | null): string {
  return lastError
    ? `Facebook answered "${lastError}"`
    : "Facebook no longer accepts its access to the page";
}
