import { useEffect, useState } from "preact/hooks";
import { probeEncoders, type EncoderProbe } from "../encoder-probe.js";

let probing: Promise<EncoderProbe> | null = null;

/**
 * The probe, run once in this iframe when `wanted` first holds (a view that shows its answer is
 * open); null until it answers. Not at start: WebCodecs' support check blocks the main thread for
 * a noticeable time where the encoders are software ones.
 */
export function useEncoderProbe(wanted: boolean): EncoderProbe | null {
  const [probe, setProbe] = useState<EncoderProbe | null>(null);
  useEffect(() => {
    if (!wanted || probe) return;
    let live = true;
    void (probing ??= probeEncoders()).then((found) => live && setProbe(found));
    return () => {
      live = false;
    };
  }, [wanted, probe]);
  return probe;
}
