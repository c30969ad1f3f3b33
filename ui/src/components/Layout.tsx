import type { ReactNode } from "react";
import { StatusRegion } from "./StatusRegion";

type LayoutProps = {
  header?: ReactNode;
  notice: string | null;
  children: ReactNode;
};

/** The page frame: skip link, header, and the <main> landmark with the notification area. */
export function Layout({ header, notice, children }: LayoutProps) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="header">
        <div className="width-container header__inner">
          <span className="header__name">ForumDesk</span>
          {header}
        </div>
      </header>
      <div className="width-container">
        <main className="main" id="main" tabIndex={-1}>
          <StatusRegion message={notice} />
          {children}
        </main>
      </div>
    </>
  );
}
