package org.festivaloutcomes.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The deal parse of one part of a file straight from its bytes ({@link ByteRecordReader}): a plain
 * record whose deal_id is ASCII without spaces around it, whose amounts are written as {@link Values#number}
 * reads them in at most 18 digits, whose dates are of a built-in form, and whose festival, event,
 * enterprise, currency and enum spellings are accepted becomes its facts and key hash without the
 * strict reader's Strings and typed row. Each distinct text of the columns of few values is decoded and
 * typed once, by {@link RowChecker#typed}; project and counterparty names are copied as UTF-8 bytes.
 * Every other record goes to the strict path.
 */
final class DealByteReader extends ByteRecordReader<LargeDatasetReader.PartWriter> {

    private final RowChecker checker;
    private final boolean utf8;
    /** Field positions in the file of the columns read byte by byte (-1: not in the file). */
    private final int dealId;
    private final int project;
    private final int counterparty;
    private final int amount;
    private final int signedOn;
    private final int statusDate;
    private final int funds;
    private final Column festivals;
    private final Column events;
    private final Column enterprises;
    private final Column dealTypes;
    private final Column industries;
    private final Column units;
    private final Column currencies;
    private final Column statuses;
    private final Column keyProjects;
    /** The currency of a row without one, when the job has a rate for it. */
    private final Currency cny;
    /** The text values of the row being written, as {@link DealFacts.Writer#add} takes them. */
    private final byte[][] texts = new byte[DealFacts.TEXTS][];
    private final int[] textFrom = new int[DealFacts.TEXTS];
    private final int[] textTo = new int[DealFacts.TEXTS];

    /** A text value with its UTF-8 bytes, for the facts. */
    private record Text(String value, byte[] utf8) {
        static Text of(String value) {
            return new Text(value, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An accepted festival: its id, and the hash of its chars that the deal and key hashes start with. */
    private record KnownFestival(Text id, long hashStart) {
    }

    private record KnownEvent(Text id, String festivalId) {
    }

    /** An enterprise_id with the festivals it is an accepted enterprise of. */
    private record KnownEnterprise(Text id, Set<String> festivals) {
    }

    /** A currency with its rate and, by amount unit, the factor to CNY (the unit's multiplier times the rate). */
    private record Currency(BigDecimal rate, Map<String, BigDecimal> factors) {
    }

    DealByteReader(InputFile file, FileParser parser) {
        this(file, parser, BUFFER_BYTES, MAX_RECORD_BYTES);
    }

    DealByteReader(InputFile file, FileParser parser, int bufferBytes, int maxRecordBytes) {
        super(file, parser, bufferBytes, maxRecordBytes, false);
        this.checker = parser.checker();
        this.utf8 = parser.format().charset().equals(StandardCharsets.UTF_8);
        this.dealId = position("deal_id");
        this.project = position("project_name");
        this.counterparty = position("counterparty");
        this.amount = position("amount");
        this.signedOn = position("signed_on");
        this.statusDate = position("status_date");
        this.funds = position("funds_in_place");
        References references = checker.references();
        this.festivals = column("festival_id", text -> references.festivalIds().contains(text)
                ? new KnownFestival(Text.of(text), Hash64.add(Hash64.START, text)) : STRICT);
        this.events = column("event_id", text -> {
            References.EventRef ref = references.events().get(text);
            return ref == null ? STRICT : new KnownEvent(Text.of(text), ref.festivalId());
        });
        Map<String, Set<String>> festivalsOfEnterprise = new HashMap<>();
        for (String key : references.enterpriseKeys()) {
            int split = key.indexOf('\u0000');
            festivalsOfEnterprise.computeIfAbsent(key.substring(split + 1), k -> new HashSet<>())
                    .add(key.substring(0, split));
        }
        this.enterprises = column("enterprise_id", text -> {
            Set<String> of = festivalsOfEnterprise.get(text);
            return of == null ? STRICT : new KnownEnterprise(Text.of(text), of);
        });
        this.dealTypes = texts(typedColumn("deal_type"));
        this.industries = texts(typedColumn("industry"));
        this.statuses = texts(typedColumn("status"));
        this.units = typedColumn("amount_unit");
        this.currencies = column("currency", text -> {
            Object code = checker.typed(DatasetKind.DEALS.columnIndex("currency"), text);
            BigDecimal rate = code == null ? null : checker.rate((String) code);
            return rate == null ? STRICT : new Currency(rate, new HashMap<>());
        });
        this.keyProjects = typedColumn("is_key_project");
        BigDecimal cnyRate = checker.rate("CNY");
        this.cny = cnyRate == null ? null : new Currency(cnyRate, new HashMap<>());
    }

    /** A typed column whose values go into the facts as text. */
    private static Column texts(Column typed) {
        return typed.map(value -> value == STRICT ? STRICT : Text.of((String) value));
    }

    @Override
    boolean fast(LargeDatasetReader.PartWriter writer, long number) {
        if (dealId < 0 || starts[dealId] == ends[dealId] || !plainAscii(dealId)) {
            return false;
        }
        Object festival = festivals.value(this);
        Object event = events.value(this);
        Object enterprise = enterprises.value(this);
        Object dealType = dealTypes.value(this);
        Object industry = industries.value(this);
        Object unit = units.value(this);
        Object currency = currencies.value(this);
        Object status = statuses.value(this);
        Object keyProject = keyProjects.value(this);
        if (festival == null || status == null || festival == STRICT || event == STRICT || enterprise == STRICT
                || dealType == STRICT || industry == STRICT || unit == STRICT || currency == STRICT
                || status == STRICT || keyProject == STRICT) {
            return false;
        }
        BigDecimal amountValue = number(amount);
        BigDecimal fundsValue = funds < 0 || starts[funds] == ends[funds] ? null : number(funds);
        if (amountValue == null || fundsValue == null && funds >= 0 && starts[funds] < ends[funds]) {
            return false;
        }
        int signedDay = signedOn < 0 ? Values.NO_DAY : Values.dateDay(buf, starts[signedOn], ends[signedOn]);
        int statusDay = statusDate < 0 || starts[statusDate] == ends[statusDate] ? signedDay
                : Values.dateDay(buf, starts[statusDate], ends[statusDate]);
        if (signedDay == Values.NO_DAY || statusDay == Values.NO_DAY || statusDay < signedDay) {
            return false;
        }
        KnownFestival known = (KnownFestival) festival;
        String festivalId = known.id().value();
        if (event != null && !((KnownEvent) event).festivalId().equals(festivalId)
                || enterprise != null && !((KnownEnterprise) enterprise).festivals().contains(festivalId)) {
            return false;
        }
        if (!freeText(project, DealFacts.PROJECT) || !freeText(counterparty, DealFacts.COUNTERPARTY)) {
            return false;
        }
        String unitValue = unit == null ? "yuan" : (String) unit;
        Currency rate = currency != null ? (Currency) currency : cny;
        if (rate == null) {
            return false;
        }
        BigDecimal factor = rate.factors().computeIfAbsent(unitValue,
                u -> RowChecker.multiplier(u).multiply(rate.rate()));
        int s = starts[dealId];
        int e = ends[dealId];
        long dealHash = Hash64.finish(Hash64.addAscii(Hash64.add(known.hashStart(), 0xFFFF), buf, s, e));
        long keyHash = Hash64.finish(Hash64.addIsoDate(Hash64.add(Hash64.addAscii(Hash64.add(known.hashStart(), 0),
                buf, s, e), 0), statusDay));
        text(DealFacts.FESTIVAL, known.id());
        fieldBytes(DealFacts.DEAL, s, e);
        text(DealFacts.STATUS, (Text) status);
        text(DealFacts.INDUSTRY, (Text) industry);
        text(DealFacts.DEAL_TYPE, (Text) dealType);
        text(DealFacts.EVENT, event == null ? null : ((KnownEvent) event).id());
        text(DealFacts.ENTERPRISE, enterprise == null ? null : ((KnownEnterprise) enterprise).id());
        writer.acceptedDeal(dealHash, number, statusDay, signedDay, keyProject != null && (Boolean) keyProject,
                cny(amountValue, factor), fundsValue == null ? null : cny(fundsValue, factor), texts, textFrom,
                textTo, keyHash);
        return true;
    }

    /**
     * {@link RowChecker#toCny} of an amount, with its unit's multiplier and the currency's rate multiplied
     * first: BigDecimal products are exact, so the value and its rounding are the same.
     */
    private static BigDecimal cny(BigDecimal amount, BigDecimal factor) {
        return amount.multiply(factor).setScale(12, java.math.RoundingMode.HALF_UP);
    }

    /** An amount as {@link RowChecker} types a NUMBER, or null when the strict path is to decide. */
    private BigDecimal number(int f) {
        if (f < 0 || starts[f] == ends[f]) {
            return null;
        }
        BigDecimal value = Values.number(buf, starts[f], ends[f]);
        // beyond 15 integer digits the strict path rejects it
        return value == null || value.precision() - value.scale() > 15 ? null : value;
    }

    private void text(int slot, Text value) {
        texts[slot] = value == null ? null : value.utf8();
        textFrom[slot] = 0;
        textTo[slot] = value == null ? 0 : value.utf8().length;
    }

    /**
     * A free text field (project, counterparty) into its text slot as UTF-8: its bytes when they are
     * ASCII, or UTF-8 already, with nothing to strip; else decoded and stripped. False when its bytes do
     * not decode (the strict path's error).
     */
    private boolean freeText(int f, int slot) {
        texts[slot] = null;
        if (f < 0 || starts[f] == ends[f]) {
            return true;
        }
        int s = starts[f];
        int e = ends[f];
        boolean ascii = !high || ascii(s, e);
        if (ascii && (buf[s] & 0xFF) > ' ' && (buf[e - 1] & 0xFF) > ' ') {
            fieldBytes(slot, s, e);
            return true;
        }
        String text = decode(s, e);
        if (text == null) {
            return false;
        }
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return true;
        }
        if (utf8 && stripped.length() == text.length()) {
            // valid UTF-8 (it decoded) with nothing to strip: the field's own bytes
            fieldBytes(slot, s, e);
        } else {
            text(slot, Text.of(stripped));
        }
        return true;
    }

    private void fieldBytes(int slot, int s, int e) {
        texts[slot] = buf;
        textFrom[slot] = s;
        textTo[slot] = e;
    }

    private boolean ascii(int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
