import { type ReactNode, useContext, useEffect, useRef } from "react";
import { HeadingFocusContext } from "../context";

/**
 * The screen's one <h1>. When a new screen appears (after the first), focus moves
 * to its heading so screen reader users hear where they are.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const focusOnMount = useRef(useContext(HeadingFocusContext));
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusOnMount.current) return;
    // A new screen starts at the top, as a new page would, whatever was scrolled before.
    const page = document.scrollingElement ?? document.documentElement;
    page.scrollTop = 0;
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 className="heading-l" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
