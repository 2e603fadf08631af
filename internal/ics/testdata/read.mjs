// read.mjs reads an iCalendar object on standard input with ical.js and
// prints what the Go tests of package ics check, as JSON. Times are resolved
// with the VTIMEZONE components of the object itself (registered below), not
// with the zone database of the machine.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const vtz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
}

const time = (comp, name) => {
  const prop = comp.getFirstProperty(name);
  if (!prop) return null;
  const t = prop.getFirstValue();
  return { utc: t.toJSDate().toISOString(), tzid: prop.getParameter("tzid") ?? null, zone: t.zone.tzid };
};
const person = (prop) => ({
  email: prop.getFirstValue(),
  cn: prop.getParameter("cn") ?? null,
  role: prop.getParameter("role") ?? null,
  partstat: prop.getParameter("partstat") ?? null,
  rsvp: prop.getParameter("rsvp") ?? null,
});

const out = {
  prodid: root.getFirstPropertyValue("prodid"),
  version: root.getFirstPropertyValue("version"),
  calscale: root.getFirstPropertyValue("calscale"),
  method: root.getFirstPropertyValue("method"),
  timezones: root.getAllSubcomponents("vtimezone").map((vtz) => ({
    tzid: vtz.getFirstPropertyValue("tzid"),
    rules: vtz.getAllSubcomponents().map((c) => ({
      kind: c.name,
      name: c.getFirstPropertyValue("tzname"),
      from: c.getFirstProperty("tzoffsetfrom").toICALString().split(":")[1],
      to: c.getFirstProperty("tzoffsetto").toICALString().split(":")[1],
      rrule: c.getFirstPropertyValue("rrule")?.toString() ?? null,
    })),
  })),
  events: root.getAllSubcomponents("vevent").map((ve) => {
    const organizer = ve.getFirstProperty("organizer");
    return {
      uid: ve.getFirstPropertyValue("uid"),
      sequence: ve.getFirstPropertyValue("sequence"),
      status: ve.getFirstPropertyValue("status"),
      summary: ve.getFirstPropertyValue("summary"),
      description: ve.getFirstPropertyValue("description"),
      location: ve.getFirstPropertyValue("location"),
      url: ve.getFirstPropertyValue("url"),
      stamp: time(ve, "dtstamp"),
      start: time(ve, "dtstart"),
      end: time(ve, "dtend"),
      organizer: organizer ? person(organizer) : null,
      attendees: ve.getAllProperties("attendee").map(person),
    };
  }),
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
