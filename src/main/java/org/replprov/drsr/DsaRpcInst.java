package org.replprov.drsr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code DSA_RPC_INST} (MS-DRSR §5.48; Samba: {@code repsFromTo2OtherInfo}): the partner's address in a version 2
 * value. A 20-byte header of five DWORDs ({@code cb} and four offsets from the start of the structure, 0 = absent)
 * is followed by the items it points to: three NUL-terminated UTF-16LE strings and a GUID.
 *
 * <p>The NetworkAddress (MS-DRSR §5.134) is {@code pszInstance}; every published value also repeats it as
 * {@code pszServer}, and {@link #networkAddress()} falls back to the server when there is no instance.
 *
 * <p>Placement. Published Windows values put 4 zero bytes after the header, then server and instance back to back,
 * then 28 zero bytes that {@code cb} counts; Samba writes the same minus those 28 bytes. This record describes any
 * value that places its present items one after another in the order server, annotation, instance, GUID: what comes
 * between the header and the first item is {@code padding}, what follows the last item is {@code trailer}. The codec
 * rejects other placements (overlapping or out-of-order items), which no known writer produces.
 *
 * @param pszServer     the server's name ({@code cbpszServerOffset})
 * @param pszAnnotation an annotation ({@code cbpszAnnotationOffset}); no published value has one
 * @param pszInstance   the NetworkAddress ({@code cbpszInstanceOffset})
 * @param pguidInstance a GUID ({@code cbpguidInstanceOffset}); no published value has one
 * @param padding       bytes between the header and the first item (Windows and Samba: 4 zero bytes)
 * @param trailer       bytes after the last item (Windows: 28 zero bytes; Samba: none)
 */
public record DsaRpcInst(Optional<String> pszServer, Optional<String> pszAnnotation, Optional<String> pszInstance,
                         Optional<UUID> pguidInstance, Bytes padding, Bytes trailer) implements DraAddress {

    /** Five DWORDs: cb, cbpszServerOffset, cbpszAnnotationOffset, cbpszInstanceOffset, cbpguidInstanceOffset. */
    static final int HEADER_SIZE = 20;

    /** The padding every known writer puts between the header and the first string. */
    public static final Bytes STANDARD_PADDING = Bytes.zeros(4);

    /**
     * The zero bytes Windows appends after the strings and counts in {@code cb}; the length is the same in all
     * published Windows values (inferred from three samples, purpose unknown).
     */
    public static final Bytes WINDOWS_TRAILER = Bytes.zeros(28);

    private static final int GUID_SIZE = 16;

    public DsaRpcInst {
        Objects.requireNonNull(pszServer, "pszServer");
        Objects.requireNonNull(pszAnnotation, "pszAnnotation");
        Objects.requireNonNull(pszInstance, "pszInstance");
        Objects.requireNonNull(pguidInstance, "pguidInstance");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(trailer, "trailer");
        for (Optional<String> s : List.of(pszServer, pszAnnotation, pszInstance)) {
            if (s.isPresent() && s.get().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a DSA_RPC_INST string cannot contain NUL");
            }
        }
        boolean hasItems = pszServer.isPresent() || pszAnnotation.isPresent() || pszInstance.isPresent()
                || pguidInstance.isPresent();
        // Without items, bytes after the header read back as trailer; keeping them there makes decoding exact.
        if (!hasItems && !padding.isEmpty()) {
            throw new IllegalArgumentException("a DSA_RPC_INST without items has no padding, only a trailer");
        }
    }

    /**
     * The structure Windows (with {@link Layout#WINDOWS}) or Samba (with {@link Layout#SAMBA}) writes for a
     * NetworkAddress: the name as both server and instance, no annotation, no GUID.
     */
    public static DsaRpcInst of(String networkAddress, Layout layout) {
        return new DsaRpcInst(Optional.of(networkAddress), Optional.empty(), Optional.of(networkAddress),
                Optional.empty(), STANDARD_PADDING, layout == Layout.WINDOWS ? WINDOWS_TRAILER : Bytes.EMPTY);
    }

    @Override
    public String networkAddress() {
        return pszInstance.or(() -> pszServer).orElse("");
    }

    @Override
    public int size() {
        return itemsEnd() + trailer.length();
    }

    /** {@code cb}: the structure's own size, equal to {@code cbOtherDra}. */
    public int cb() {
        return size();
    }

    public int cbpszServerOffset() {
        return pszServer.isPresent() ? firstItem() : 0;
    }

    public int cbpszAnnotationOffset() {
        return pszAnnotation.isPresent() ? firstItem() + wireLength(pszServer) : 0;
    }

    public int cbpszInstanceOffset() {
        return pszInstance.isPresent() ? firstItem() + wireLength(pszServer) + wireLength(pszAnnotation) : 0;
    }

    public int cbpguidInstanceOffset() {
        return pguidInstance.isPresent() ? itemsEnd() - GUID_SIZE : 0;
    }

    private int firstItem() {
        return HEADER_SIZE + padding.length();
    }

    private int itemsEnd() {
        return firstItem() + wireLength(pszServer) + wireLength(pszAnnotation) + wireLength(pszInstance)
                + (pguidInstance.isPresent() ? GUID_SIZE : 0);
    }

    /** UTF-16 code units plus the NUL, two bytes each. */
    private static int wireLength(Optional<String> s) {
        return s.map(v -> 2 * (v.length() + 1)).orElse(0);
    }

    void write(LeWriter out) {
        out.u32(cb()).u32(cbpszServerOffset()).u32(cbpszAnnotationOffset()).u32(cbpszInstanceOffset())
                .u32(cbpguidInstanceOffset()).bytes(padding);
        for (Optional<String> s : List.of(pszServer, pszAnnotation, pszInstance)) {
            s.ifPresent(v -> {
                v.chars().forEach(out::u16);
                out.u16(0);
            });
        }
        pguidInstance.ifPresent(out::guid);
        out.bytes(trailer);
    }

    /** Reads the {@code cbOtherDra} bytes at {@code base}, which must hold exactly one DSA_RPC_INST. */
    static DsaRpcInst read(LeReader in, int base, int cbOtherDra) throws MalformedBlobException {
        if (cbOtherDra < HEADER_SIZE) {
            throw new MalformedBlobException("cbOtherDra", WireOffsets.CB_OTHER_DRA, "cbOtherDra="
                    + Hex.dword(cbOtherDra) + " is too small for a DSA_RPC_INST (" + Hex.offset(HEADER_SIZE)
                    + " bytes)");
        }
        int cb = in.u32(base, "DSA_RPC_INST.cb");
        if (cb != cbOtherDra) {
            throw new MalformedBlobException("DSA_RPC_INST.cb", base, "DSA_RPC_INST.cb=" + Hex.dword(cb)
                    + " disagrees with cbOtherDra=" + Hex.dword(cbOtherDra));
        }
        ItemReader items = new ItemReader(in, base, cb);
        Optional<String> server = items.string(4, "cbpszServerOffset", "pszServer");
        Optional<String> annotation = items.string(8, "cbpszAnnotationOffset", "pszAnnotation");
        Optional<String> instance = items.string(12, "cbpszInstanceOffset", "pszInstance");
        Optional<UUID> guid = items.guid(16, "cbpguidInstanceOffset", "pguidInstance");
        return new DsaRpcInst(server, annotation, instance, guid, items.padding, items.trailer());
    }

    /** Walks the items in header order, checking that each starts where the previous one ended. */
    private static final class ItemReader {
        private final LeReader in;
        private final int base;
        private final int cb;
        private int next = -1; // offset (from base) where the next item must start; -1 before the first item
        private Bytes padding = Bytes.EMPTY;

        ItemReader(LeReader in, int base, int cb) {
            this.in = in;
            this.base = base;
            this.cb = cb;
        }

        Optional<String> string(int headerOffset, String offsetField, String item) throws MalformedBlobException {
            int at = start(headerOffset, offsetField);
            if (at == 0) {
                return Optional.empty();
            }
            String field = "DSA_RPC_INST." + item;
            StringBuilder chars = new StringBuilder();
            for (int unit = at; unit + 2 <= cb; unit += 2) {
                char c = (char) in.u16(base + unit, field);
                if (c == 0) {
                    next = unit + 2;
                    return Optional.of(chars.toString());
                }
                chars.append(c);
            }
            String problem = (cb - at) % 2 != 0 ? " has an odd byte length" : " is not NUL-terminated";
            throw new MalformedBlobException(field, base + at,
                    field + problem + " (DSA_RPC_INST ends at " + Hex.offset(base + cb) + ")");
        }

        Optional<UUID> guid(int headerOffset, String offsetField, String item) throws MalformedBlobException {
            int at = start(headerOffset, offsetField);
            if (at == 0) {
                return Optional.empty();
            }
            String field = "DSA_RPC_INST." + item;
            if (cb - at < GUID_SIZE) {
                throw new MalformedBlobException(field, base + at, field + " needs 16 bytes but DSA_RPC_INST ends at "
                        + Hex.offset(base + cb));
            }
            next = at + GUID_SIZE;
            return Optional.of(in.guid(base + at, field));
        }

        Bytes trailer() throws MalformedBlobException {
            int from = next < 0 ? HEADER_SIZE : next;
            return Bytes.of(in.bytes(base + from, cb - from, "DSA_RPC_INST trailer"));
        }

        /** The item's offset from its header field (0 = absent), checked against the header, cb and placement. */
        private int start(int headerOffset, String offsetField) throws MalformedBlobException {
            String field = "DSA_RPC_INST." + offsetField;
            int at = in.u32(base + headerOffset, field);
            if (at == 0) {
                return 0;
            }
            if (Integer.compareUnsigned(at, HEADER_SIZE) < 0 || Integer.compareUnsigned(at, cb) >= 0) {
                throw new MalformedBlobException(field, base + headerOffset, field + "=" + Hex.dword(at)
                        + " points outside " + Hex.offset(HEADER_SIZE) + ".." + Hex.offset(cb - 1)
                        + " of DSA_RPC_INST");
            }
            if (next < 0) {
                padding = Bytes.of(in.bytes(base + HEADER_SIZE, at - HEADER_SIZE, "DSA_RPC_INST padding"));
            } else if (at != next) {
                throw new MalformedBlobException(field, base + headerOffset, field + "=" + Hex.dword(at)
                        + " does not follow the previous item (expected " + Hex.dword(next) + ")");
            }
            return at;
        }
    }
}
