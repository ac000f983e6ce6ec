package main

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// removeLockFile: on Windows a file open in another process cannot be removed, and a waiting
// run holds it open, so the lock file stays (hidden, holding only a process id).
const removeLockFile = false

// lockOffset is where the locked byte lies: far past the end of the file, so that the lock
// (which Windows enforces on reads) does not stop a waiting run reading the holder's id.
const lockOffsetHigh = 0x40000000

// tryLock takes an exclusive LockFileEx lock on f without waiting. Windows drops it when the
// process ends.
func tryLock(f *os.File) error {
	ol := &windows.Overlapped{OffsetHigh: lockOffsetHigh}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return errLocked
	case errors.Is(err, windows.ERROR_NOT_SUPPORTED), errors.Is(err, windows.ERROR_INVALID_FUNCTION):
		return errNoLocking
	}
	return &os.PathError{Op: "LockFileEx", Path: f.Name(), Err: err}
}

// syncDir does nothing: Windows cannot flush a folder, and NTFS journals its entries.
func syncDir(string) error { return nil }

// hideFile gives the lock file the hidden attribute (a leading dot hides nothing here).
func hideFile(path string) {
	if p, err := windows.UTF16PtrFromString(path); err == nil {
		windows.SetFileAttributes(p, windows.FILE_ATTRIBUTE_HIDDEN)
	}
}

// isCrossDevice reports whether a rename failed because the folder is on a drive of its own.
func isCrossDevice(err error) bool { return errors.Is(err, windows.ERROR_NOT_SAME_DEVICE) }
