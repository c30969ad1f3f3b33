import { createContext, useContext } from "react";
import type { AppError } from "./bindings/AppError";

/** Shows (or, with null, clears) the notification at the top of the page. */
export type Notify = (message: string | null) => void;

export const NoticeContext = createContext<Notify>(() => {});

export function useNotify(): Notify {
  return useContext(NoticeContext);
}

/**
 * Set only while the UI holds an open session: called when a command fails with
 * kind "locked", so the app can drop personal data and show the Unlock screen.
 */
export const LockContext = createContext<((error: AppError) => void) | null>(null);

/** True once the app has shown its first screen: later headings take focus when they appear. */
export const HeadingFocusContext = createContext(false);
