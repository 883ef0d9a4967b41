package org.festivaloutcomes.ingest;

/**
 * The attendance parse of one part of a file straight from its bytes, for the ten million rows of a
 * large run ({@link ByteRecordReader}): a plain record whose ids and time are ASCII without spaces
 * around them, whose timestamp is of a built-in form, and whose festival, event and enum spellings are
 * accepted becomes its facts and key hash without a String or an object per field. Each distinct text
 * of festival, event, channel, attendee type, region and country is decoded and typed once, by
 * {@link RowChecker#typed}; every other record goes to the strict path.
 */
final class AttendanceByteReader extends ByteRecordReader<LargeDatasetReader.PartWriter> {

    private final Pseudonymizer pseudonymizer;
    /** Field positions in the file of the columns read byte by byte (-1: not in the file). */
    private final int recordId;
    private final int attendeeId;
    private final int attendedAt;
    private final int admissions;
    private final Column festivals;
    private final Column events;
    private final Column channels;
    private final Column types;
    private final Column regions;
    private final Column countries;

    /** An accepted event: its id and what the checks need of it. */
    private record KnownEvent(String id, References.EventRef ref) {
    }

    AttendanceByteReader(InputFile file, FileParser parser, Pseudonymizer pseudonymizer) {
        this(file, parser, pseudonymizer, BUFFER_BYTES, MAX_RECORD_BYTES);
    }

    AttendanceByteReader(InputFile file, FileParser parser, Pseudonymizer pseudonymizer, int bufferBytes,
            int maxRecordBytes) {
        super(file, parser, bufferBytes, maxRecordBytes, false);
        this.pseudonymizer = pseudonymizer;
        this.recordId = position("record_id");
        this.attendeeId = position("attendee_id");
        this.attendedAt = position("attended_at");
        this.admissions = position("admissions");
        References references = parser.checker().references();
        this.festivals = column("festival_id", text -> references.festivalIds().contains(text) ? text : STRICT);
        this.events = column("event_id", text -> {
            References.EventRef ref = references.events().get(text);
            return ref == null ? STRICT : new KnownEvent(text, ref);
        });
        this.channels = typedColumn("channel");
        this.types = typedColumn("attendee_type");
        this.regions = typedColumn("origin_region");
        this.countries = typedColumn("origin_country");
    }

    /**
     * The checks of {@link RowChecker} for an attendance record of plain fields, and its facts when it
     * passes them all; false (nothing written) whenever the strict path is to decide.
     */
    @Override
    boolean fast(LargeDatasetReader.PartWriter writer, long number) {
        final byte[] b = buf;
        boolean hasId = false;
        long idHash = 0;
        if (recordId >= 0 && starts[recordId] < ends[recordId]) {
            if (!plainAscii(recordId)) {
                return false;
            }
            idHash = KeyHashFiles.hashAscii(b, starts[recordId], ends[recordId]);
            hasId = true;
        }
        Object festival = festivals.value(this);
        if (festival == null || festival == STRICT) {
            return false;
        }
        Object event = events.value(this);
        if (event == STRICT) {
            return false;
        }
        boolean keyed = attendeeId >= 0 && starts[attendeeId] < ends[attendeeId];
        long key = 0;
        if (keyed) {
            if (!plainAscii(attendeeId)) {
                return false;
            }
            key = pseudonymizer.asciiKey(b, starts[attendeeId], ends[attendeeId]);
        }
        int day = Values.timestampDay(b, starts[attendedAt], ends[attendedAt]);
        if (day == Values.NO_DAY) {
            return false;
        }
        Object channel = channels.value(this);
        Object type = types.value(this);
        Object region = regions.value(this);
        Object country = countries.value(this);
        if (channel == STRICT || type == STRICT || region == STRICT || country == STRICT) {
            return false;
        }
        long count = 1;
        if (admissions >= 0 && starts[admissions] < ends[admissions]) {
            count = wholeNumber(starts[admissions], ends[admissions]);
            if (count < 0 || keyed && count > 1) {
                return false;
            }
        }
        KnownEvent known = (KnownEvent) event;
        if (known != null && !known.ref().festivalId().equals(festival)) {
            return false;
        }
        if (channel == null) {
            if (known != null && "hybrid".equals(known.ref().channel())) {
                return false;
            }
            channel = known == null ? "onsite" : known.ref().channel();
        }
        writer.acceptedAttendance((String) festival, known == null ? null : known.id(), (String) channel,
                type == null ? "unspecified" : (String) type, (String) region, (String) country, keyed, key, day,
                count, number, hasId, idHash);
        return true;
    }

}
