import { useEffect, useState } from "preact/hooks";
import { probeEncoders, type EncoderProbe } from "../encoder-probe.js";

/** The probe, run once when the UI starts; null until it answers. */
export function useEncoderProbe(): EncoderProbe | null {
  const [probe, setProbe] = useState<EncoderProbe | null>(null);
  useEffect(() => {
    let live = true;
    void probeEncoders().then((found) => live && setProbe(found));
    return () => {
      live = false;
    };
  }, []);
  return probe;
}
