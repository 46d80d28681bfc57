package org.atom.calendar.availability;

import java.time.Instant;

/** A meeting time everyone is free for, with how good it is (0 to 1, see {@link MeetingSuggestions}). */
record SuggestionView(Instant startTime, Instant endTime, double score) {}
