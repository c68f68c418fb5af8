/**
 * Material Web's redispatchEvent, for the core's events: every core event class takes its
 * fields as one init object, so the event itself is the init of its copy. The copy is the
 * element's own DOM event (same class, bubbling, composed); a listener that prevents its
 * default prevents the original's too (a page that takes a connection request tells the
 * client, which keeps built-in prompts away).
 */

/** A core event class: `new XEvent(init, eventInit)`. */
type EventCopier = new (init: Event, options: EventInit) => Event;

/**
 * Dispatches a copy of `event` on `element`.
 * @returns false when a listener prevented the copy's default (as `dispatchEvent`)
 */
export function redispatchEvent(element: Element, event: Event): boolean {
  const copy = new (event.constructor as EventCopier)(event, { bubbles: true, composed: true, cancelable: event.cancelable });
  const dispatched = element.dispatchEvent(copy);
  if (!dispatched) event.preventDefault();
  return dispatched;
}
