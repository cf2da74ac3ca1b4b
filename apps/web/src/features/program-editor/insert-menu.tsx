import { NODE_TYPE_LABELS, NODE_TYPES, type NodeType } from "@waymark/domain";
import {
  createContext,
  type KeyboardEvent,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
} from "react";
import type { InsertionPoint } from "./graph-edits";

/** An open "+" menu: where the step goes, the button that opened it, and how it is named. */
export interface InsertRequest {
  readonly point: InsertionPoint;
  readonly anchor: HTMLElement;
  readonly label: string;
}

const InsertMenuContext = createContext<(request: InsertRequest) => void>(() => {});
export const InsertMenuProvider = InsertMenuContext.Provider;

/** Opens the "+" menu (a no-op outside the editor's canvas). */
export function useOpenInsertMenu() {
  return useContext(InsertMenuContext);
}

/**
 * The kinds of step a "+" may add: never a second Start, and no End onto a connection (it
 * would cut off the steps after it).
 */
export function insertableTypes(point: InsertionPoint): NodeType[] {
  return NODE_TYPES.filter((t) => t !== "start" && !(point.kind === "edge" && t === "end"));
}

/**
 * The menu of node types under a "+" button, in the canvas: arrow keys move, Enter adds,
 * Escape or a click elsewhere closes it and gives focus back to the button.
 */
export function InsertMenu(props: {
  request: InsertRequest;
  container: HTMLElement | null;
  onChoose(type: NodeType): void;
  onClose(): void;
}) {
  const { request, container, onChoose, onClose } = props;
  const menu = useRef<HTMLDivElement>(null);
  const types = insertableTypes(request.point);

  useLayoutEffect(() => {
    const element = menu.current;
    if (!element || !container) return;
    const area = container.getBoundingClientRect();
    const at = request.anchor.getBoundingClientRect();
    const left = Math.min(at.left - area.left, area.width - element.offsetWidth - 8);
    const below = at.bottom - area.top + 4;
    const top =
      below + element.offsetHeight > area.height
        ? Math.max(4, at.top - area.top - element.offsetHeight - 4)
        : below;
    element.style.left = `${Math.max(4, left)}px`;
    element.style.top = `${top}px`;
    element.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
  }, [request, container]);

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => document.removeEventListener("pointerdown", onPointerDown, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (e.key === "ArrowDown") move(index + 1);
    else if (e.key === "ArrowUp") move(index - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(items.length - 1);
    else if (e.key === "Escape" || e.key === "Tab") {
      request.anchor.focus();
      onClose();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={request.label}
      className="insert-menu"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      {types.map((type) => (
        <button
          key={type}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`insert-menu-item palette-item-${type}`}
          onClick={() => onChoose(type)}
        >
          {NODE_TYPE_LABELS[type]}
        </button>
      ))}
    </div>
  );
}
