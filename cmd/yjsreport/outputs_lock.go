package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"
)

// lockPoll is how often a waiting run tries the lock again.
const lockPoll = 50 * time.Millisecond

var (
	// errLocked is tryLock's answer when another process holds the lock.
	errLocked = errors.New("locked by another process")
	// errNoLocking is tryLock's answer on a filesystem without locks.
	errNoLocking = errors.New("the filesystem does not support locks")
)

// outLock is the held lock of an output folder.
type outLock struct {
	f        *os.File
	path     string
	unlocked bool // the filesystem has no locks: nothing is held
}

// lock takes the output folder's lock file at path, waiting up to lockWait for a run that
// holds it. The system releases the lock when its holder dies, however it dies; the file
// itself holds only the holder's process id, for the message a waiting run gives.
func (o *outputSet) lock(path string) (*outLock, error) { return o.lockWithin(path, lockWait) }

// lockWithin is lock waiting up to wait; with wait 0 it tries once.
func (o *outputSet) lockWithin(path string, wait time.Duration) (*outLock, error) {
	start := time.Now()
	noticed := false
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, withHint(fmt.Errorf("output folder %s cannot be written: its lock %s cannot be made: %w", o.dir, path, unwrapPath(err)),
				"the report is written beside the output folder; choose an --out folder whose parent folder you may write to")
		}
		err = tryLock(f)
		switch {
		case err == nil:
			// The run that held the lock may have removed the file as it finished: then
			// this lock is on a file no other run can find, and the lock must be taken anew.
			fi, ferr := f.Stat()
			pi, perr := os.Stat(path)
			if ferr != nil || perr != nil || !os.SameFile(fi, pi) {
				f.Close()
				continue
			}
			if f.Truncate(0) == nil {
				f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			}
			hideFile(path)
			return &outLock{f: f, path: path}, nil
		case errors.Is(err, errNoLocking):
			if wait > 0 {
				o.warnf("the drive of %s does not support locks: make sure no other yjsreport run writes there at the same time", o.dir)
			}
			return &outLock{f: f, path: path, unlocked: true}, nil
		case !errors.Is(err, errLocked):
			f.Close()
			return nil, withHint(fmt.Errorf("output folder %s cannot be locked: %w", o.dir, unwrapPath(err)),
				"check the permissions of the folder that holds the output folder")
		}
		holder := ""
		buf := make([]byte, 32)
		if n, _ := f.ReadAt(buf, 0); n > 0 {
			if pid, err := strconv.Atoi(string(bytes.TrimSpace(buf[:n]))); err == nil && pid > 0 {
				holder = fmt.Sprintf(" (process %d)", pid)
			}
		}
		f.Close()
		waited := time.Since(start)
		if waited >= wait {
			return nil, withHint(fmt.Errorf("another yjsreport run%s is writing to %s; gave up after %s", holder, o.dir, wait),
				fmt.Sprintf("wait for it to finish, or if none is running remove %s and run again", path))
		}
		if !noticed && waited >= lockNotice && !o.quiet && o.stderr != nil {
			fmt.Fprintf(o.stderr, "yjsreport: waiting for another yjsreport run%s to finish writing to %s\n", holder, o.dir)
			noticed = true
		}
		time.Sleep(lockPoll)
	}
}

// release drops the lock. Where it is safe (Unix: a waiting run checks that the file it
// locked is still the one at the path) the lock file is removed first, leaving nothing behind.
func (l *outLock) release() {
	if removeLockFile && !l.unlocked {
		os.Remove(l.path)
	}
	l.f.Close()
}
