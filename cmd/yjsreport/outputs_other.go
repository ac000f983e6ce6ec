//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package main

import "os"

// On other systems (not shipped) there is no lock: a run warns that it cannot lock.
const removeLockFile = false

func tryLock(*os.File) error { return errNoLocking }

func syncDir(dir string) error {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
	return nil
}

func hideFile(string) {}

func isCrossDevice(error) bool { return false }
