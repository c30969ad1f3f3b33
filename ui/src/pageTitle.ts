import { useEffect } from "react";

export const APP_NAME = "ForumDesk";

export function pageTitle(title: string, hasError = false): string {
  return `${hasError ? "Error: " : ""}${title} – ${APP_NAME}`;
}

/** Sets the window title for a screen, for example "Unlock – ForumDesk". */
export function usePageTitle(title: string, hasError = false): void {
  useEffect(() => {
    document.title = pageTitle(title, hasError);
  }, [title, hasError]);
}
