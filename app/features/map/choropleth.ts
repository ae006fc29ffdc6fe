/** Fill colours from "none" to "most" (ColorBrewer Greens, colour-blind safe; text never sits on them). */
export const SHADE_COLOURS = ['#eeeeee', '#c7e9c0', '#74c476', '#31a354', '#006d2c'] as const;

export interface ShadeScale {
  /** Lower bounds of classes 1–4 (class 0 is "none"). */
  breaks: number[];
  classOf: (value: number) => number;
}

/** Up to four classes of the non-zero values by quantile; zero is its own class. */
export function shadeScale(values: number[]): ShadeScale {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  const breaks: number[] = [];
  for (let i = 0; i < 4 && positive.length > 0; i++) {
    const value = positive[Math.floor((i * positive.length) / 4)]!;
    if (!breaks.includes(value)) breaks.push(value);
  }
  return {
    breaks,
    classOf: (value) => {
      if (value <= 0) return 0;
      let cls = 1;
      breaks.forEach((b, i) => {
        if (value >= b) cls = i + 1;
      });
      return cls;
    },
  };
}
