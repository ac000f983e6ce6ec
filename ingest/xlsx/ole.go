package xlsx

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
)

// oleError tells what an OLE compound file (signature D0 CF 11 E0 A1 B1 1A E1) is. Excel
// writes a password-protected .xlsx as one holding the streams EncryptionInfo and
// EncryptedPackage; a legacy .xls holds Workbook (Book for Excel 5). Only the directory is
// read, so this is cheap however large the file.
func oleError(r io.ReaderAt, size int64) error {
	names, err := oleStreamNames(r, size)
	if err != nil {
		return ErrOLE
	}
	var legacy bool
	for _, n := range names {
		switch {
		case strings.EqualFold(n, "EncryptionInfo"), strings.EqualFold(n, "EncryptedPackage"):
			return ErrEncrypted
		case strings.EqualFold(n, "Workbook"), strings.EqualFold(n, "Book"):
			legacy = true
		}
	}
	if legacy {
		return ErrLegacyXLS
	}
	return fmt.Errorf("%w: it is a Microsoft Office binary file, but not a workbook", ErrNotXLSX)
}

const (
	oleEndOfChain  = 0xFFFFFFFE
	oleHeaderDIFAT = 109 // FAT sector numbers held in the header
)

var errOLE = errors.New("malformed compound file")

// oleStreamNames lists the names of the stream and storage entries of a compound file
// (MS-CFB): it follows the directory's sector chain through the FAT, reading only the
// sectors it needs, and gives up on anything inconsistent.
func oleStreamNames(r io.ReaderAt, size int64) ([]string, error) {
	var h [512]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	shift := le.Uint16(h[30:])
	if shift != 9 && shift != 12 {
		return nil, errOLE
	}
	ss := int64(1) << shift
	perSector := uint32(ss / 4)
	maxSectors := uint32(min(size/ss+1, 1<<31))

	difat := make([]uint32, 0, oleHeaderDIFAT)
	for i := range oleHeaderDIFAT {
		difat = append(difat, le.Uint32(h[76+4*i:]))
	}
	// More FAT sectors than the header holds are listed in a chain of DIFAT sectors.
	next, nDIFAT := le.Uint32(h[68:]), le.Uint32(h[72:])
	sec := make([]byte, ss)
	for i := uint32(0); i < nDIFAT && next < maxSectors; i++ {
		if _, err := r.ReadAt(sec, (int64(next)+1)*ss); err != nil {
			return nil, err
		}
		for j := uint32(0); j < perSector-1; j++ {
			difat = append(difat, le.Uint32(sec[4*j:]))
		}
		next = le.Uint32(sec[4*(perSector-1):])
	}

	fatNext := func(sn uint32) (uint32, error) {
		k := sn / perSector
		if int(k) >= len(difat) || difat[k] >= maxSectors {
			return 0, errOLE
		}
		var b [4]byte
		if _, err := r.ReadAt(b[:], (int64(difat[k])+1)*ss+int64(sn%perSector)*4); err != nil {
			return 0, err
		}
		return le.Uint32(b[:]), nil
	}

	var names []string
	sn := le.Uint32(h[48:])
	for steps := uint32(0); sn != oleEndOfChain; steps++ {
		if sn >= maxSectors || steps > maxSectors {
			return nil, errOLE // out of the file, or a cycle
		}
		if _, err := r.ReadAt(sec, (int64(sn)+1)*ss); err != nil {
			return nil, err
		}
		for e := int64(0); e+128 <= ss; e += 128 {
			ent := sec[e : e+128]
			typ := ent[66]
			n := int(le.Uint16(ent[64:]))
			if (typ != 1 && typ != 2) || n < 2 || n > 64 {
				continue // unused, the root, or garbage
			}
			u := make([]uint16, n/2-1) // the length counts the terminating NUL
			for i := range u {
				u[i] = le.Uint16(ent[2*i:])
			}
			names = append(names, string(utf16.Decode(u)))
		}
		var err error
		if sn, err = fatNext(sn); err != nil {
			return nil, err
		}
	}
	return names, nil
}
