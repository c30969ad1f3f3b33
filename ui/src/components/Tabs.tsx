import { type KeyboardEvent, type ReactNode, useRef } from "react";

export type Tab<T extends string> = { id: T; label: string };

type TabsProps<T extends string> = {
  /** Names the tab list for screen readers, for example "Member record". */
  label: string;
  tabs: readonly Tab<T>[];
  selected: T;
  onSelect: (id: T) => void;
  children: ReactNode;
};

/**
 * The WAI-ARIA tabs pattern: one tab stop for the list (the selected tab), Left and Right
 * arrows (and Home and End) move between tabs and show them, Tab moves on into the panel.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: TabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());

  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div className="tabs">
      <div className="tabs__list" role="tablist" aria-label={label}>
        {tabs.map((tab, index) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                if (element) refs.current.set(tab.id, element);
                else refs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              className="tabs__tab"
              id={`tab-${tab.id}`}
              aria-selected={isSelected}
              // Only the shown panel is in the page, so only its tab names it.
              aria-controls={isSelected ? `panel-${tab.id}` : undefined}
              tabIndex={isSelected ? 0 : -1}
              data-testid={`tab-${tab.id}`}
              onClick={() => onSelect(tab.id)}
              onKeyDown={(event) => move(event, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div
        className="tabs__panel"
        role="tabpanel"
        id={`panel-${selected}`}
        aria-labelledby={`tab-${selected}`}
      >
        {children}
      </div>
    </div>
  );
}
