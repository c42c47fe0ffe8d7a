/** Short alarm tones for critical notifications, made with the Web Audio API (no audio file). */

type AudioCtor = typeof AudioContext;

let ctx: AudioContext | null = null;

function audioContext(): AudioContext | null {
  const Ctor = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as
    AudioCtor | undefined;
  if (!Ctor) return null;
  ctx ??= new Ctor();
  return ctx;
}

/**
 * Browsers keep audio silent until the person has interacted with the page: call this from a
 * click or key press so that later alarms can sound.
 */
export function unlockAudio(): void {
  try {
    const c = audioContext();
    if (c?.state === 'suspended') void c.resume();
  } catch {
    // No audio on this device: alarms stay visual.
  }
}

/** The frequencies (Hz) of the alarm's three beeps. */
export const ALERT_TONES = [880, 660, 880] as const;

/** Plays three short beeps (about 0.6 s); silently does nothing where audio is unavailable. */
export function playAlertSound(): void {
  try {
    const c = audioContext();
    if (!c) return;
    if (c.state === 'suspended') void c.resume();
    const t0 = c.currentTime + 0.01;
    ALERT_TONES.forEach((freq, i) => {
      const start = t0 + i * 0.2;
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.17);
      osc.connect(gain).connect(c.destination);
      osc.start(start);
      osc.stop(start + 0.18);
    });
  } catch {
    // No audio on this device: alarms stay visual.
  }
}
