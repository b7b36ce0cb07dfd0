use super::*;

#[test]
fn crc_table_known_entries() {
    // Entries 1, 128 and 255 of the published CRC-32 (0xEDB88320) table.
    const T: [u32; 256] = crc_table();
    assert_eq!(
        (T[0], T[1], T[128], T[255]),
        (0, 0x7707_3096, 0xEDB8_8320, 0x2D02_EF8D)
    );
}

#[test]
fn crc32_check_values() {
    // The standard check value of CRC-32/ISO-HDLC (the ZIP CRC) for "123456789".
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    // python3 -c 'import zlib; print(hex(zlib.crc32(b"The quick brown fox jumps over the lazy dog")))'
    assert_eq!(
        crc32(b"The quick brown fox jumps over the lazy dog"),
        0x414F_A339
    );
}

#[test]
fn layout_of_a_tiny_archive() {
    // The bytes around the data (`archive` zips only a whole request file: `stored_zip` is its writer).
    let z = stored_zip("OFBREQ.csv", b"A\n");
    // 30 + 10 name + 2 data, then 46 + 10, then 22.
    assert_eq!(z.len(), 42 + 56 + 22);
    assert_eq!(&z[..4], b"PK\x03\x04");
    assert_eq!(&z[30..40], b"OFBREQ.csv");
    assert_eq!(&z[40..42], b"A\n");
    assert_eq!(&z[42..46], b"PK\x01\x02");
    assert_eq!(&z[98..102], b"PK\x05\x06");
    // Central directory size 56 at offset 42.
    assert_eq!(&z[110..118], &[56, 0, 0, 0, 42, 0, 0, 0]);
}
