/**
 * iCalendar (RFC 5545) syntax for the event feature's import and export, written for the subset ATOM needs: content
 * lines (folding at 75 octets, text escaping, RFC 6868 parameter values), components with line numbers, DATE /
 * DATE-TIME / DURATION / UTC-OFFSET values, {@code VTIMEZONE} written from java.time zone rules, and TZIDs resolved to
 * IANA zones (IANA ids, Windows names, custom {@code VTIMEZONE}s matched by their rules). No domain code here;
 * recurrence stays with {@code platform/recurrence}.
 */
package org.atom.calendar.event.ics;
