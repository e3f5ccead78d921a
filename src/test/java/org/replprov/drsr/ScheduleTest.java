package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The SCHEDULE decoder on vectors, and the slot arithmetic on fixed instants. */
class ScheduleTest {

    /** 2024-01-07 was a Sunday: slot 0 of a week. */
    private static final Instant SUNDAY = Instant.parse("2024-01-07T00:00:00Z");

    private static byte[] value(int size, int count, int type, int offset, byte[] hours, int length) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(size).putInt(0).putInt(count).putInt(type).putInt(offset);
        if (hours != null) {
            b.position(Math.min(offset, length - hours.length));
            b.put(hours);
        }
        return b.array();
    }

    @Test
    void theUsual188ByteValueDecodesWithTheEarliestSlotInBit3() throws Exception {
        byte[] hours = new byte[168];
        hours[0] = 0x08;  // Sunday 00:00-00:14
        hours[1] = 0x01;  // Sunday 01:45-01:59
        hours[167] = (byte) 0xF6; // Saturday 23:15-23:44; the high nibble is unused
        byte[] v = value(188, 1, 0, 20, hours, 188);
        assertThat(HexFormat.of().formatHex(v, 0, 20)).isEqualTo("bc00000000000000010000000000000014000000");
        Schedule s = Schedule.decode(v);
        assertThat(s.isOpen(0)).isTrue();
        assertThat(s.isOpen(1)).isFalse();
        assertThat(s.isOpen(4 + 3)).isTrue();
        assertThat(s.isOpen(4 + 2)).isFalse();
        assertThat(s.isOpen(671)).isFalse();
        assertThat(s.isOpen(670)).isTrue();
        assertThat(s.isOpen(669)).isTrue();
        assertThat(s.isOpen(668)).isFalse();
        assertThat(s.isOpen(-1)).as("slots wrap around the week").isFalse();
        assertThat(s.isOpen(-672)).isTrue();
        assertThat(s.isOpen(672 + 7)).isTrue();
        assertThat(s.encode()).isEqualTo(v);
    }

    @Test
    void dataAtAnotherOffsetIsFollowed() throws Exception {
        byte[] hours = new byte[168];
        hours[2] = 0x04;
        Schedule s = Schedule.decode(value(200, 1, 0, 32, hours, 200));
        assertThat(s).isEqualTo(Schedule.openAt(2 * 4 + 1));
    }

    @Test
    void malformedValuesNameTheFieldAndItsOffset() {
        byte[] hours = new byte[168];
        assertThatThrownBy(() -> Schedule.decode(new byte[10])).isInstanceOf(MalformedBlobException.class)
                .hasMessageContaining("less than the 20").hasMessageEndingWith("at offset 0x00");
        assertThatThrownBy(() -> Schedule.decode(value(187, 1, 0, 20, hours, 188)))
                .hasMessageStartingWith("Size=187 is not the value's length 188");
        assertThatThrownBy(() -> Schedule.decode(value(188, 2, 0, 20, hours, 188)))
                .hasMessageStartingWith("NumberOfSchedules=2").hasMessageEndingWith("at offset 0x08");
        assertThatThrownBy(() -> Schedule.decode(value(188, 1, 1, 20, hours, 188)))
                .hasMessageStartingWith("Type=1 is not SCHEDULE_INTERVAL").hasMessageEndingWith("at offset 0x0C");
        assertThatThrownBy(() -> Schedule.decode(value(188, 1, 0, 21, null, 188)))
                .hasMessageStartingWith("Offset=21").hasMessageEndingWith("at offset 0x10");
        assertThatThrownBy(() -> Schedule.decode(value(188, 1, 0, 0xFFFF_FFF0, null, 188)))
                .hasMessageStartingWith("Offset=4294967280").hasMessageEndingWith("at offset 0x10");
        assertThatThrownBy(() -> Schedule.decode(value(188, 1, 0, 8, null, 188)))
                .hasMessageStartingWith("Offset=8");
        assertThatThrownBy(() -> Schedule.decode(value(-1, 1, 0, 20, null, 188)))
                .hasMessageStartingWith("Size=4294967295");
    }

    @Test
    void slotsCountFromSundayMidnightUtc() {
        assertThat(Schedule.slotOf(SUNDAY)).isZero();
        assertThat(Schedule.slotOf(SUNDAY.minusSeconds(1))).isEqualTo(671);
        assertThat(Schedule.slotOf(SUNDAY.plusSeconds(14 * 60 + 59))).isZero();
        assertThat(Schedule.slotOf(SUNDAY.plusSeconds(15 * 60))).isEqualTo(1);
        assertThat(Schedule.slotOf(Instant.parse("2024-01-10T13:31:00Z"))).isEqualTo(3 * 96 + 13 * 4 + 2);
        assertThat(Schedule.slotOf(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo(4 * 96 - 1);
    }

    @Test
    void theNextOpenSlotIsAfterTheCurrentOneAndWrapsAroundTheWeek() {
        Schedule s = Schedule.openAt(10, 300);
        Instant in9 = SUNDAY.plusSeconds(9 * 900 + 123);
        assertThat(s.isOpenAt(in9)).isFalse();
        assertThat(s.nextOpenAfter(in9)).contains(SUNDAY.plusSeconds(10 * 900));
        Instant in10 = SUNDAY.plusSeconds(10 * 900 + 5);
        assertThat(s.isOpenAt(in10)).isTrue();
        assertThat(s.nextOpenAfter(in10)).contains(SUNDAY.plusSeconds(300 * 900));
        Instant in400 = SUNDAY.plusSeconds(400 * 900 + 899);
        assertThat(s.nextOpenAfter(in400)).contains(SUNDAY.plusSeconds((672 + 10) * 900));
        Schedule one = Schedule.openAt(10);
        assertThat(one.nextOpenAfter(in10)).contains(SUNDAY.plusSeconds((672 + 10) * 900));
        assertThat(Schedule.openAt().nextOpenAfter(in10)).isEmpty();
    }
}
