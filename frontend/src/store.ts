// A minimal observable store: components subscribe to a slice through useStore and
// re-render only when that slice changes (by identity), so an action touching one claim
// does not re-render the whole article.
import { useEffect, useReducer, useRef } from "preact/hooks";

export interface Store<S> {
  get(): S;
  set(update: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: (state: S) => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S) => void>();
  return {
    get: () => state,
    set(update) {
      const patch = typeof update === "function" ? update(state) : update;
      state = { ...state, ...patch };
      for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<S extends object, T>(store: Store<S>, select: (state: S) => T): T {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const selected = select(store.get());
  const last = useRef(selected);
  const selectRef = useRef(select);
  last.current = selected;
  selectRef.current = select;
  useEffect(
    () =>
      store.subscribe((state) => {
        if (!Object.is(selectRef.current(state), last.current)) force(0);
      }),
    [store],
  );
  return selected;
}
