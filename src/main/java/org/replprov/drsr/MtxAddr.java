package org.replprov.drsr;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code MTX_ADDR} (MS-DRSR §5.132; Samba: {@code repsFromTo1OtherInfo}): the partner's NetworkAddress in a version 1
 * value, stored as a 32-bit {@code mtx_namelen} followed by the name and a terminating NUL.
 *
 * <p>{@code mtx_namelen} counts the NUL and is limited to 1..256 by the IDL ({@code [range(1,256)]}). The name is read
 * and written as UTF-8, which is what MS-DRSR uses for DNS names; Samba declares it 8-bit ({@code charset(DOS)}), the
 * same bytes for the ASCII names DCs use.
 *
 * @param mtxName the NetworkAddress, without its NUL
 */
public record MtxAddr(String mtxName) implements DraAddress {

    /** Largest {@code mtx_namelen}, NUL included. */
    public static final int MAX_NAMELEN = 256;

    private static final int MTX_NAMELEN_SIZE = 4;

    public MtxAddr {
        Objects.requireNonNull(mtxName, "mtxName");
        if (mtxName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an MTX_ADDR name cannot contain NUL");
        }
        // An unpaired surrogate has no UTF-8 form; writing it would silently change the name.
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(mtxName)) {
            throw new IllegalArgumentException("an MTX_ADDR name must be well-formed Unicode");
        }
        int namelen = mtxName.getBytes(StandardCharsets.UTF_8).length + 1;
        if (namelen > MAX_NAMELEN) {
            throw new IllegalArgumentException(
                    "an MTX_ADDR name holds at most " + (MAX_NAMELEN - 1) + " UTF-8 bytes, not " + (namelen - 1));
        }
    }

    /** {@code mtx_namelen}: bytes of the name plus its NUL. */
    public int mtxNamelen() {
        return mtxName.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    @Override
    public String networkAddress() {
        return mtxName;
    }

    @Override
    public int size() {
        return MTX_NAMELEN_SIZE + mtxNamelen();
    }

    /** Reads the {@code cbOtherDra} bytes at {@code offset}, which must hold exactly one MTX_ADDR. */
    static MtxAddr read(LeReader in, int offset, int cbOtherDra) throws MalformedBlobException {
        if (cbOtherDra < MTX_NAMELEN_SIZE + 1) {
            throw new MalformedBlobException("cbOtherDra", WireOffsets.CB_OTHER_DRA, "cbOtherDra="
                    + Hex.dword(cbOtherDra) + " is too small for an MTX_ADDR (at least 0x05 bytes)");
        }
        int namelen = in.u32(offset, "MTX_ADDR.mtx_namelen");
        if (namelen < 1 || namelen > MAX_NAMELEN) {
            throw new MalformedBlobException("MTX_ADDR.mtx_namelen", offset,
                    "MTX_ADDR.mtx_namelen=" + Hex.dword(namelen) + " is outside 1..256");
        }
        if (MTX_NAMELEN_SIZE + namelen != cbOtherDra) {
            throw new MalformedBlobException("MTX_ADDR.mtx_namelen", offset, "MTX_ADDR.mtx_namelen="
                    + Hex.dword(namelen) + " disagrees with cbOtherDra=" + Hex.dword(cbOtherDra)
                    + " (expected cbOtherDra - 4)");
        }
        int nameOffset = offset + MTX_NAMELEN_SIZE;
        byte[] name = in.bytes(nameOffset, namelen - 1, "MTX_ADDR.mtx_name");
        if (in.u8(nameOffset + namelen - 1, "MTX_ADDR.mtx_name") != 0) {
            throw new MalformedBlobException("MTX_ADDR.mtx_name", nameOffset + namelen - 1,
                    "MTX_ADDR.mtx_name is not NUL-terminated");
        }
        for (int i = 0; i < name.length; i++) {
            if (name[i] == 0) {
                throw new MalformedBlobException("MTX_ADDR.mtx_name", nameOffset + i,
                        "MTX_ADDR.mtx_name has a NUL before its end");
            }
        }
        return new MtxAddr(decodeUtf8(name, nameOffset));
    }

    void write(LeWriter out) {
        out.u32(mtxNamelen()).bytes(mtxName.getBytes(StandardCharsets.UTF_8)).bytes(new byte[1]);
    }

    /** Strict UTF-8: malformed input is an error rather than U+FFFD, so the name re-encodes to the same bytes. */
    private static String decodeUtf8(byte[] name, int nameOffset) throws MalformedBlobException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(name);
        CharBuffer out = CharBuffer.allocate(name.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new MalformedBlobException("MTX_ADDR.mtx_name", nameOffset + in.position(),
                    "MTX_ADDR.mtx_name is not valid UTF-8");
        }
        return out.flip().toString();
    }
}
