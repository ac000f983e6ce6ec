//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// removeLockFile: a waiting run re-checks the path after locking, so the lock file can go.
const removeLockFile = true

// tryLock takes an exclusive flock on f without waiting. The kernel drops it when the
// process dies.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EWOULDBLOCK):
		return errLocked
	case errors.Is(err, unix.ENOLCK), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.ENOTSUP):
		return errNoLocking
	}
	return &os.PathError{Op: "flock", Path: f.Name(), Err: err}
}

// syncDir flushes a folder's entries (names created, renamed or removed) to disk. Some
// filesystems cannot sync a folder; that is not an error.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOTSUP) && !errors.Is(err, unix.EOPNOTSUPP) {
		return err
	}
	return nil
}

// hideFile: names starting with a dot are hidden already.
func hideFile(string) {}

// isCrossDevice reports whether a rename failed because the folder is a mount point.
func isCrossDevice(err error) bool { return errors.Is(err, unix.EXDEV) || errors.Is(err, unix.EBUSY) }
