package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps two folders in one atomic step (renamex_np RENAME_SWAP, APFS and HFS+).
// Filesystems without it (SMB, exFAT) give errNoExchange.
func exchangeDirs(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOTSUP), errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return errNoExchange
	}
	return &os.LinkError{Op: "renamex_np", Old: a, New: b, Err: err}
}
