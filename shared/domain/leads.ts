import type { Lead, Person } from '../model/people';

/** Leads are typed as "Name; Name": a name that matches someone on the people list is linked to them. */
export function leadsFromText(text: string, people: readonly Person[]): Lead[] {
  const byName = new Map(people.map((person) => [person.name.toLowerCase(), person.id]));
  const names = text
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return [...new Set(names)].map((name) => {
    const personId = byName.get(name.toLowerCase());
    return personId ? { name, personId } : { name };
  });
}

export function leadsToText(leads: readonly Lead[]): string {
  return leads.map((lead) => lead.name).join('; ');
}
