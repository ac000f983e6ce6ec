package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps two folders in one atomic step (renameat2 RENAME_EXCHANGE, Linux 3.15+).
// Filesystems without it (NFS, CIFS, some FUSE) give errNoExchange.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.ENOTSUP):
		return errNoExchange
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}
