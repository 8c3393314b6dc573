// The interface strings of grids (网格): locating a place from an address, zh-CN.
// A feature's own catalogue, loaded with the feature's pages only.
export const tGrid = {
  locate: '按地址定位',
  locateHint: '先填写详细地址',
  located: '定位到:{place}({by})',
  locatedBy: { point: '按坐标', address: '按地名“{matched}”' },
  notLocated: '地址中没有找到已知的村(社区)或网格名称,请手动选择',
};
