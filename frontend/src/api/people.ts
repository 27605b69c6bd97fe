// People work can be assigned to (GET /api/people/, editors), fetched once per page load.
import { useEffect, useState } from "preact/hooks";
import { api } from "./client";
import type { Role } from "./types";

export interface Person {
  id: number;
  username: string;
  display_name: string;
  role: Role;
}

let cached: Promise<Person[]> | null = null;

export function getPeople(): Promise<Person[]> {
  cached ??= api<Person[]>("/api/people/").catch((error) => {
    cached = null;
    throw error;
  });
  return cached;
}

export function usePeople(enabled: boolean): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    getPeople()
      .then((list) => live && setPeople(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return people;
}
