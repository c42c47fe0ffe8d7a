import { useCallback, useEffect, useState } from 'react';
import { playAlertSound, unlockAudio } from '../../../app/alert-sound';

/** The header's mute switch (CriticalAlerts) keeps its choice here; red alarms honour it too. */
const MUTE_KEY = 'vigil.alertsMuted';

function muted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The alarm tone of the monitoring screens: `play()` sounds three beeps unless the header's sound
 * switch is off, and counts how often it did (shown as `data-sound-count` so that a test, or an
 * operator, can tell the sound went off even where audio is unavailable).
 */
export function useAlarmSound(): { count: number; play: () => void } {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    return () => window.removeEventListener('pointerdown', unlock);
  }, []);
  const play = useCallback(() => {
    if (muted()) return;
    playAlertSound();
    setCount((c) => c + 1);
  }, []);
  return { count, play };
}
