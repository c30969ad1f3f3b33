import { type ReactNode, useEffect, useRef } from "react";

/**
 * The heading of a view inside a tab (the Drives page has the screen's <h1>). With `focus`,
 * it takes focus when it appears, so a screen reader user hears where a button led.
 */
export function SectionHeading({
  id,
  focus = false,
  children,
}: {
  id: string;
  focus?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const focusOnMount = useRef(focus);
  useEffect(() => {
    if (focusOnMount.current) ref.current?.focus();
  }, []);
  return (
    <h2 className="heading-m heading-m--tab" id={id} tabIndex={-1} ref={ref}>
      {children}
    </h2>
  );
}
