package intake

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// utf16Text recognises a UTF-16 text, as Excel writes its "Texte Unicode":
// by its byte-order mark, else by the zero bytes of its Latin characters
// standing all on the same side of each pair. It returns the decoder and the
// text without its mark, or ok false.
func utf16Text(data []byte) (enc encoding.Encoding, body []byte, ok bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data[2:], true
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data[2:], true
	}
	sample := data[:min(len(data), 4096)]
	var zeros [2]int // zero bytes at even and odd offsets
	for i, b := range sample {
		if b == 0 {
			zeros[i%2]++
		}
	}
	pairs := len(sample) / 2
	switch {
	case pairs == 0:
		return nil, nil, false
	case zeros[1] >= pairs/2 && zeros[0] <= zeros[1]/10:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data, true
	case zeros[0] >= pairs/2 && zeros[1] <= zeros[0]/10:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data, true
	}
	return nil, nil, false
}

// Bytes that Windows-1252 leaves undefined, or maps to a sign that never
// stands between two letters: where a file holds one of them, or a capital
// Š Œ Ž Ÿ between two small letters, it was written in another encoding
// (DOS code page 850 puts é at 0x82, ç at 0x87; Mac Roman puts é at 0x8E,
// è at 0x8F).
var (
	undefined1252 = []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D}
	signs1252     = []byte{0x82, 0x84, 0x86, 0x87, 0x88, 0x89, 0x8B, 0x95, 0x98, 0x9B}
	capitals1252  = []byte{0x8A, 0x8C, 0x8E, 0x9F}
)

// isSmall1252 reports whether b is a small letter in Windows-1252.
func isSmall1252(b byte) bool { return b >= 'a' && b <= 'z' || b >= 0xDF && b != 0xF7 }

// isLetter1252 reports whether b is a letter in Windows-1252 (outside 0x80–0x9F).
func isLetter1252(b byte) bool {
	return isSmall1252(b) || b >= 'A' && b <= 'Z' || b >= 0xC0 && b <= 0xDE && b != 0xD7
}

// betweenLetters reports whether the bytes on both sides of data[i] are letters.
func betweenLetters(data []byte, i int, letter func(byte) bool) bool {
	return i > 0 && i+1 < len(data) && letter(data[i-1]) && letter(data[i+1])
}

// notWindows1252 returns the line (from 1) of the first sign that data, which
// is not valid UTF-8, is not Windows-1252 either, or 0 when it may be. A file
// mixing valid UTF-8 letters with invalid bytes is neither: its first invalid
// byte is the sign.
func notWindows1252(data []byte) int {
	if at := mixedUTF8(data); at >= 0 {
		return lineAt(data, at)
	}
	for i, b := range data {
		switch {
		case bytes.IndexByte(undefined1252, b) >= 0,
			bytes.IndexByte(signs1252, b) >= 0 && betweenLetters(data, i, isLetter1252),
			bytes.IndexByte(capitals1252, b) >= 0 && betweenLetters(data, i, isSmall1252):
			return lineAt(data, i)
		}
	}
	return 0
}

// mixedUTF8 returns the offset of the first invalid UTF-8 byte of data when
// data also holds valid multi-byte UTF-8 characters, else -1.
func mixedUTF8(data []byte) int {
	invalid, multiByte := -1, false
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if invalid < 0 {
				invalid = i
			}
		case size > 1:
			multiByte = true
		}
		i += size
	}
	if !multiByte {
		return -1
	}
	return invalid
}

// lineAt is the text line (from 1) of the byte at offset i.
func lineAt(data []byte, i int) int { return 1 + bytes.Count(data[:i], []byte("\n")) }
