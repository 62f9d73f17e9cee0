// The scene a <depth-frame> plays, loaded from its settings: an image and its depth map, or a
// layered scene's planes, each a picture of the whole frame (so all of one size).
import type { DepthScene } from "../depth-renderer.js";
import type { LayeredScene } from "../layered-scene.js";
import type { PlayerSettings } from "./player-attributes.js";

export function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.crossOrigin = "anonymous";
  image.src = url;
  return image.decode().then(
    () => image,
    () => {
      throw new Error(`${url} could not be loaded as an image`);
    },
  );
}

export async function loadPlayerScene(settings: PlayerSettings): Promise<DepthScene | LayeredScene> {
  if (!settings.layers) {
    const [image, depth] = await Promise.all([loadImage(settings.src), loadImage(settings.depth!)]);
    return { image, depth };
  }
  const images = await Promise.all(settings.layers.map((layer) => loadImage(layer.src)));
  const { naturalWidth: width, naturalHeight: height } = images[0]!;
  images.forEach((image, index) => {
    if (image.naturalWidth !== width || image.naturalHeight !== height) {
      throw new Error(
        `layer ${settings.layers![index]!.src} is ${image.naturalWidth}×${image.naturalHeight}, ` +
          `not ${width}×${height} as the first layer: every layer is a picture of the whole frame`,
      );
    }
  });
  return { width, height, planes: images.map((image, index) => ({ image, depth: settings.layers![index]!.depth })) };
}
