/**
 * Registers an element class under a tag, GitHub-elements style: defining a tag twice is a
 * no-op rather than an error, and a class already registered under another tag is
 * registered again as a trivial subclass (a registry accepts each constructor once).
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  if (registry.get(tag)) return;
  const taken = registry.getName?.(ctor) != null;
  registry.define(tag, taken ? class extends ctor {} : ctor);
}
